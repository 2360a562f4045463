package io.pirack.core.net;

/** What to do with a hand-written bootptab entry that claims a rack Pi's MAC, IP or hostname. */
public enum ConflictPolicy {
    /** Write nothing and name the conflicting lines. */
    REFUSE,
    /** Turn the conflicting lines into comments (kept, visibly) and let PiRack's entry win. */
    TAKE_OVER
}
