package io.pirack.ui.booth;

import io.pirack.core.booth.KioskLock;
import io.pirack.core.booth.KioskPin;
import java.security.SecureRandom;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The booth's kiosk lock as the screens use it: every operator action asks {@link #refuse} first;
 * setting, changing and clearing the PIN; the audience window's exit chord. Answers are the one
 * sentence to show.
 */
public final class KioskModel {

    static final String LOCKED = "Locked: enter the kiosk PIN to change booth settings.";

    private final KioskLock lock;
    private final Consumer<String> storePinHash;
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(false);
    private boolean exitWithoutPin;

    /** @param storePinHash saves a new PIN hash (null clears it) */
    KioskModel(KioskLock lock, Consumer<String> storePinHash) {
        this.lock = lock;
        this.storePinHash = storePinHash;
    }

    /** True (and says so through {@code refused}) while the kiosk lock is on. */
    public boolean refuse(Consumer<String> refused) {
        if (lock.isLocked()) {
            refused.accept(LOCKED);
            return true;
        }
        return false;
    }

    /** Locks operator actions; says why not when no PIN is set. */
    public String lock() {
        if (!lock.lock()) {
            return "Set a PIN first.";
        }
        locked.set(true);
        return "Locked: every operator action needs the PIN.";
    }

    public KioskLock.Attempt unlock(String pin) {
        KioskLock.Attempt attempt = lock.unlock(pin);
        locked.set(lock.isLocked());
        return attempt;
    }

    /** The audience window's exit chord: the PIN unlocks and closes, or no PIN was explicitly allowed. */
    public KioskLock.Attempt exit(String pin) {
        if (!lock.hasPin() && exitWithoutPin) {
            return new KioskLock.Attempt.Accepted("Closed.");
        }
        return unlock(pin);
    }

    public boolean hasPin() {
        return lock.hasPin();
    }

    /** The operator chose, when entering kiosk mode, to close the audience window without a PIN. */
    public void allowExitWithoutPin() {
        exitWithoutPin = true;
    }

    public boolean exitNeedsPin() {
        return lock.hasPin() || !exitWithoutPin;
    }

    /** Sets or changes the PIN; a PIN already set must be given first. Returns what to show. */
    public String setPin(String current, String fresh) {
        if (lock.isLocked()) {
            return "Locked: unlock first to change the PIN.";
        }
        String wrong = wrongCurrentPin(current);
        if (wrong != null) {
            return wrong;
        }
        if (!KioskPin.isWellFormed(fresh)) {
            return "A kiosk PIN is 4 to 8 digits.";
        }
        storePinHash.accept(KioskPin.hash(fresh, new SecureRandom()));
        return "PIN set.";
    }

    /** Clears the PIN; needs the current one. */
    public String clearPin(String current) {
        if (lock.isLocked()) {
            return "Locked: unlock first to clear the PIN.";
        }
        if (!lock.hasPin()) {
            return "No PIN is set.";
        }
        String wrong = wrongCurrentPin(current);
        if (wrong != null) {
            return wrong;
        }
        storePinHash.accept(null);
        return "PIN cleared.";
    }

    /** Null when no PIN is set or {@code current} is it; else why not. */
    private String wrongCurrentPin(String current) {
        if (!lock.hasPin()) {
            return null;
        }
        KioskLock.Attempt attempt = lock.check(current);
        return attempt instanceof KioskLock.Attempt.Accepted ? null : attempt.message().replace("Wrong PIN.", "Wrong current PIN.");
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    public boolean isLocked() {
        return lock.isLocked();
    }
}
