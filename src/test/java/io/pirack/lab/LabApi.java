package io.pirack.lab;

import io.pirack.core.rack.RackSpec;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimClock;
import io.pirack.sim.SimTimings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The rehearsal rack's API server for the lab, reachable from the Pis at the bridge address. Its
 * simulated control plane runs here; every node's kubelet is external (the lab Pis' sim-kubelets),
 * so a Pi that cannot reach this address really stops heartbeating. The rack serves on loopback;
 * a plain TCP relay on the bridge address forwards each connection to it.
 */
final class LabApi implements AutoCloseable {

    /** The port a real API server listens on; the lab bridge address is new, so it is free there. */
    static final int PORT = 6443;

    final RehearsalRack rack;
    private final URI local;
    private ServerSocket relay;

    LabApi(int pis, SimTimings timings) throws IOException {
        Set<String> nodes = IntStream.rangeClosed(1, pis).mapToObj(i -> "rpi" + i).collect(Collectors.toSet());
        rack = RehearsalRack.start(RackSpec.rehearsal(pis), timings, SimClock.realTime(1),
                new RehearsalRack.Options(6, true, nodes, 7L, 0));
        local = URI.create(rack.apiUrl());
    }

    /** Starts serving on the bridge address (once the lab's bridge exists). */
    void serveOnBridge() throws IOException {
        relay = new ServerSocket();
        relay.bind(new InetSocketAddress(InetAddress.getByName(VirtualLab.GATEWAY), PORT));
        daemon("lab-api-relay", this::accept);
    }

    /** The API URL the Pis and PiRack use: the bridge address, never loopback. */
    String url() {
        return "http://" + VirtualLab.GATEWAY + ":" + PORT + "/";
    }

    private void accept() {
        while (!relay.isClosed()) {
            try {
                Socket in = relay.accept();
                Socket out = new Socket(local.getHost(), local.getPort());
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                // Closed, or one connection failed: the client sees it as a refused/closed connection.
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        daemon("lab-api-pump", () -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // One side closed.
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            }
        });
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() throws IOException {
        if (relay != null) {
            relay.close();
        }
        rack.close();
    }
}
