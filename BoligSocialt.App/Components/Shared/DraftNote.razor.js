// Drafts of notes being typed, kept in this browser's localStorage only. They are written here, on every keystroke,
// because while the circuit is down no C# runs. Keys: "boligsocialt:kladde:{staff member id}:{draft key}", so that
// another staff member on the same tablet never sees them.
const prefix = "boligsocialt:kladde:";
const maxAgeMs = 7 * 24 * 60 * 60 * 1000;

// Null where the browser refuses site storage: then there are no drafts, and the note works without them.
const store = (() => {
    try {
        return window.localStorage;
    } catch {
        return null;
    }
})();

// The storage key each watched element writes to; the element's listener reads it, so a new key needs no new listener.
const watched = new WeakMap();

function ownerPrefix(owner) {
    return `${prefix}${owner}:`;
}

function storageKey(owner, key) {
    return `${ownerPrefix(owner)}${key}`;
}

function read(fullKey) {
    try {
        const draft = JSON.parse(store?.getItem(fullKey) ?? "null");
        return draft && typeof draft.text === "string" && typeof draft.savedAt === "number" ? draft : null;
    } catch {
        return null;
    }
}

function write(fullKey, text) {
    if (text.trim() === "") {
        store?.removeItem(fullKey);
    } else {
        store?.setItem(fullKey, JSON.stringify({ text, savedAt: Date.now() }));
    }
}

function removeWhere(predicate) {
    if (!store) return;
    // Collected first: removing while indexing the storage shifts the indices.
    const keys = [];
    for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (key.startsWith(prefix) && predicate(key)) keys.push(key);
    }
    keys.forEach(key => store.removeItem(key));
}

function removeExpired() {
    const oldest = Date.now() - maxAgeMs;
    removeWhere(key => {
        const draft = read(key);
        return draft === null || draft.savedAt < oldest;
    });
}

removeExpired();

/** Keeps what is typed in the element (any textarea or input inside it) as the draft; returns the stored draft, if any. */
export function watch(element, owner, key) {
    const fullKey = storageKey(owner, key);
    if (!watched.has(element)) {
        element.addEventListener("input", event => write(watched.get(element), event.target.value));
    }
    watched.set(element, fullKey);
    return read(fullKey);
}

export function clear(owner, key) {
    store?.removeItem(storageKey(owner, key));
}

/** Every draft of the staff member: on sign-out. */
export function clearOwner(owner) {
    const mine = ownerPrefix(owner);
    removeWhere(key => key.startsWith(mine));
}
