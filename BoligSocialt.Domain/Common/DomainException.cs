namespace BoligSocialt.Domain.Common;

/// <summary>A broken business rule. The message is Danish so that the UI can show it as it is.</summary>
public sealed class DomainException(string message) : Exception(message);
