package io.pirack.sim;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.pirack.trace.HopTrace;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A WebSocket (fabric8's watches) served by the front itself, on the client's own connection: the store's
 * watch listener is handed this socket and its events are written as frames by the thread that sends them.
 * Until session 11 the front tunnelled each WebSocket to the mock's Vert.x server, so a watch event crossed
 * Vert.x's event loop and the tunnel's reader thread before it left for the client (issue 20).
 *
 * <p>RFC 6455, server side, as much as a watch needs: text and binary messages out, close and ping
 * answered, the client's (masked, possibly fragmented) messages handed to the listener. A send blocks
 * while the client's socket buffers are full, as the tunnel's writer did; {@link ApiFront#down()} closes
 * the socket, which ends any send waiting on it.
 */
final class FrontWebSocket implements WebSocket {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    /** Larger client messages are refused (a watch's client sends none). */
    private static final int MAX_MESSAGE = 1 << 20;

    private final RecordedRequest request;
    private final Socket socket;
    private final OutputStream out;
    private boolean closeSent;

    private FrontWebSocket(RecordedRequest request, Socket socket, OutputStream out) {
        this.request = request;
        this.socket = socket;
        this.out = out;
    }

    /**
     * Answers the upgrade with 101 and serves the WebSocket until either side closes it; returns when the
     * connection is done. {@code answer} is the store's answer to the upgrade request, with its listener.
     */
    static void serve(Socket socket, InputStream in, OutputStream out, RecordedRequest request, String key,
                      String protocol, MockResponse answer) throws IOException {
        WebSocketListener listener = answer.getWebSocketListener();
        FrontWebSocket ws = new FrontWebSocket(request, socket, out);
        listener.onBeforeAccept(ws, answer);
        StringBuilder head = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: ").append(acceptKey(key)).append("\r\n");
        if (!protocol.isEmpty()) {
            head.append("Sec-WebSocket-Protocol: ").append(protocol.split(",")[0].trim()).append("\r\n");
        }
        head.append("\r\n");
        synchronized (ws) {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        listener.onOpen(ws, answer);
        int code = 1006;
        String reason = "connection lost";
        try {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            int messageType = 0;
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    break;
                }
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                byte[] payload = readPayload(in);
                if (opcode == CLOSE) {
                    code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                    listener.onClosing(ws, code, reason);
                    ws.close(code == 1005 ? 1000 : code, reason);
                    break;
                } else if (opcode == PING) {
                    ws.frame(PONG, payload);
                    listener.onPing(ws, payload);
                } else if (opcode == TEXT || opcode == BINARY || opcode == 0) {
                    if (opcode != 0) {
                        messageType = opcode;
                        message.reset();
                    }
                    if (message.size() + payload.length > MAX_MESSAGE) {
                        ws.close(1009, "message too big");
                        break;
                    }
                    message.write(payload);
                    if (fin && messageType == TEXT) {
                        listener.onMessage(ws, message.toString(StandardCharsets.UTF_8));
                    } else if (fin && messageType == BINARY) {
                        listener.onMessage(ws, message.toByteArray());
                    }
                }
                // pongs are ignored
            }
        } catch (IOException e) {
            listener.onFailure(ws, e, answer);
            socket.close();
            return;
        }
        socket.close();
        listener.onClosed(ws, code, reason);
    }

    static String acceptKey(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** A client frame's payload, unmasked (the first byte already read). */
    private static byte[] readPayload(InputStream in) throws IOException {
        int b1 = readByte(in);
        boolean masked = (b1 & 0x80) != 0;
        long length = b1 & 0x7F;
        if (length == 126) {
            length = ((long) readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
        }
        if (length > MAX_MESSAGE) {
            throw new IOException("WebSocket frame of " + length + " bytes");
        }
        byte[] mask = masked ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length || (mask != null && mask.length < 4)) {
            throw new EOFException("WebSocket frame cut short");
        }
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return payload;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("WebSocket frame cut short");
        }
        return b;
    }

    /** Writes one unmasked, unfragmented frame; false once the connection is gone or closing. */
    private synchronized boolean frame(int opcode, byte[] payload) {
        if (closeSent) {
            return false;
        }
        try {
            int n = payload.length;
            byte[] head;
            if (n < 126) {
                head = new byte[] {(byte) (0x80 | opcode), (byte) n};
            } else if (n < 65536) {
                head = new byte[] {(byte) (0x80 | opcode), 126, (byte) (n >>> 8), (byte) n};
            } else {
                head = new byte[10];
                head[0] = (byte) (0x80 | opcode);
                head[1] = 127;
                for (int i = 0; i < 8; i++) {
                    head[9 - i] = (byte) ((long) n >>> (8 * i));
                }
            }
            out.write(head);
            out.write(payload);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public RecordedRequest request() {
        return request;
    }

    @Override
    public boolean send(String text) {
        HopTrace.stamp("ws.send", text);
        boolean sent = frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
        HopTrace.stamp("ws.sent", text);
        return sent;
    }

    @Override
    public boolean send(byte[] bytes) {
        return frame(BINARY, bytes);
    }

    @Override
    public boolean close(int code, String reason) {
        synchronized (this) {
            if (closeSent) {
                return true;
            }
            byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + Math.min(text.length, 123)];
            payload[0] = (byte) (code >>> 8);
            payload[1] = (byte) code;
            System.arraycopy(text, 0, payload, 2, payload.length - 2);
            frame(CLOSE, payload);
            closeSent = true;
        }
        // The client answers with its own close and hangs up; the serving thread's read then ends.
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // already gone
        }
        return true;
    }
}
