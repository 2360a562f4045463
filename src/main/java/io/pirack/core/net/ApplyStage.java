package io.pirack.core.net;

/** Where one Pi is in the Apply flow (fixed addresses written, then release/rebind, then wait). */
public enum ApplyStage { ALREADY_THERE, REBINDING, WAITING, AT_NEW_ADDRESS, FAILED }
