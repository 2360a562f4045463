/**
 * Pulling the plug on a Pi and putting it back.
 *
 * <h2>Strategies</h2>
 * One {@link io.pirack.plug.PlugStrategy} per {@link io.pirack.core.rack.PlugMethod}, chosen per Pi in the rack:
 * <ul>
 *   <li>{@link io.pirack.plug.StopAgentStrategy}: {@code systemctl stop} the node agent (kubelet, k3s-agent, k3s or
 *       snap.microk8s.daemon-kubelite, detected); SSH stays up.</li>
 *   <li>{@link io.pirack.plug.ApiPartitionStrategy}: one tagged iptables REJECT rule towards the API server; SSH
 *       stays up, the pods keep running (the "network partition" story).</li>
 *   <li>{@link io.pirack.plug.UhubctlStrategy} and {@link io.pirack.plug.TuringPiStrategy}: real power, switched
 *       from the laptop.</li>
 *   <li>The rehearsal rack's power switch lives with the simulator.</li>
 * </ul>
 *
 * <h2>Safety on stage</h2>
 * Every SSH-based pull first arms a dead-man switch on the Pi itself (a transient systemd timer,
 * {@code pirack-deadman-<node>.timer}, default 180 s from {@link io.pirack.core.rack.RackSpec#deadManSeconds()}),
 * so the Pi comes back even if the laptop crashes or the network goes; a normal restore stops it.
 * {@link io.pirack.plug.PlugStrategy#status} reads the cut back from the Pi (unit stopped, rule present, timer
 * armed), so {@link io.pirack.plug.PlugController#refreshAll()} on start finds Pis PiRack left unplugged.
 * Every value in a command is validated (node names as RFC 1123 labels, unit names from a fixed list, IPv4
 * addresses, ports) and each argument is quoted by the SSH layer.
 *
 * <h2>Preparing a Pi</h2>
 * The SSH user needs password-less sudo for exactly PiRack's commands. {@code pirack plug sudoers <pi> --method
 * stop-agent} (or {@code api-partition --api-server https://…:6443}) prints the drop-in for
 * {@code sudo visudo -f /etc/sudoers.d/pirack}; the same text comes with the error when sudo asks for a password.
 */
package io.pirack.plug;
