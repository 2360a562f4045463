package io.pirack.ssh;

import io.pirack.core.rack.PiSlot;
import io.pirack.core.validate.Validation;

/** Where and as whom to reach one Pi; {@link SshConfigResolver} merges the rack with ~/.ssh/config. */
@FunctionalInterface
public interface SshTargetResolver {

    Validation<SshTarget> resolve(PiSlot slot);
}
