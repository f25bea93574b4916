using System.Globalization;

/// <summary>
/// Loaded into the app's process by the load runner (<see cref="BoligSocialt.Tests.Support.AppServerProcess"/>, through the
/// runtime's DOTNET_STARTUP_HOOKS), never by the app itself: it reports the server's memory on request, measured the
/// way the circuit benchmark measures its own heap. A line <see cref="Request"/> on the app's standard input is answered
/// on its standard output with <see cref="Answer"/>, the managed heap after full collections and the working set, in
/// bytes. The runtime looks for a type of exactly this name outside any namespace.
/// </summary>
internal static class StartupHook
{
    public const string Request = "boligsocialt-load-memory?";
    public const string Answer = "boligsocialt-load-memory:";

    public static void Initialize()
    {
        var listener = new Thread(Listen) { IsBackground = true, Name = "load memory probe" };
        listener.Start();
    }

    private static void Listen()
    {
        while (Console.In.ReadLine() is { } line)
        {
            if (line != Request) continue;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Answer} {heap} {Environment.WorkingSet}"));
            Console.Out.Flush();
        }
    }
}
