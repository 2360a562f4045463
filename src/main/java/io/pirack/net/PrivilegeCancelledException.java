package io.pirack.net;

/** The presenter dismissed the administrator password prompt: nothing was run, nothing changed. */
public class PrivilegeCancelledException extends Exception {

    public PrivilegeCancelledException(String message) {
        super(message);
    }
}
