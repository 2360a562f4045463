package io.pirack.tuning;

import io.pirack.ssh.RemoteCommandException;
import java.util.Optional;

/** Reads a text file on one Pi; empty when the file does not exist. */
@FunctionalInterface
public interface RemoteFiles {

    Optional<String> read(String path) throws RemoteCommandException, ConfigEditException;
}
