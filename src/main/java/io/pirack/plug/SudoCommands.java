package io.pirack.plug;

import io.pirack.core.rack.PiSlot;
import io.pirack.ssh.RemoteCommand;
import java.util.List;

/** A strategy that runs commands with sudo on the Pi, and can list exactly which, for the sudoers snippet. */
public interface SudoCommands {

    List<RemoteCommand> sudoCommands(PiSlot slot) throws PlugException;
}
