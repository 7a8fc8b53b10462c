package io.github.imagehygiene.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Unix socket in front of the real Docker daemon that stalls the way a hung daemon does: either it accepts
 * connections and never answers, or it passes everything through until an image's {@code docker save} stream
 * ({@code GET .../images/NAME/get}) has sent a given number of bytes, then stops forwarding and keeps the connection
 * open. The bytes that do arrive are the daemon's own.
 */
public final class StallingDockerProxy implements AutoCloseable {
    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Path daemon;
    private final long saveBytes;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    /** Bytes of save streams forwarded so far. */
    private final AtomicLong forwarded = new AtomicLong();

    private StallingDockerProxy(Path daemon, long saveBytes) throws IOException {
        this.daemon = daemon;
        this.saveBytes = saveBytes;
        dir = Files.createTempDirectory(Path.of("/tmp"), "ih-proxy"); // short: socket paths are limited to 108 bytes
        socket = dir.resolve("docker.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(this::accept, "stalling-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Accepts connections, reads the requests, never answers. */
    public static StallingDockerProxy silent() throws IOException {
        return new StallingDockerProxy(null, 0);
    }

    /** Forwards to the daemon at {@code daemonHost} (unix://...) until a save stream has sent {@code saveBytes}. */
    public static StallingDockerProxy stallingSave(String daemonHost, long saveBytes) throws IOException {
        return new StallingDockerProxy(Path.of(daemonHost.replaceFirst("^unix://", "")), saveBytes);
    }

    /** DOCKER_HOST for the proxy. */
    public String host() {
        return "unix://" + socket;
    }

    /** Save-stream bytes forwarded before the stall. */
    public long forwarded() {
        return forwarded.get();
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                open.add(client);
                if (daemon == null) {
                    drain(client);
                    continue;
                }
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(daemon));
                open.add(upstream);
                Connection c = new Connection();
                start(() -> requests(client, upstream, c));
                start(() -> responses(upstream, client, c));
            }
        } catch (IOException closed) {
            // closed by close()
        }
    }

    /** Per connection: whether a save request has gone up (what comes down from then on is counted). */
    private static final class Connection {
        volatile boolean saving;
    }

    private void requests(SocketChannel from, SocketChannel to, Connection c) {
        ByteBuffer b = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(b) >= 0) {
                b.flip();
                String text = StandardCharsets.ISO_8859_1.decode(b.duplicate()).toString();
                if (text.matches("(?s).*GET \\S*/images/\\S+/get[ ?].*")) {
                    c.saving = true;
                }
                while (b.hasRemaining()) {
                    to.write(b);
                }
                b.clear();
            }
        } catch (IOException closed) {
            // either side went away
        }
    }

    private void responses(SocketChannel from, SocketChannel to, Connection c) {
        ByteBuffer b = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(b) >= 0) {
                b.flip();
                if (c.saving) {
                    long left = saveBytes - forwarded.get();
                    if (left <= 0) {
                        return; // stall: keep both sockets open, forward nothing more
                    }
                    if (b.remaining() > left) {
                        b.limit(b.position() + (int) left);
                    }
                    forwarded.addAndGet(b.remaining());
                }
                while (b.hasRemaining()) {
                    to.write(b);
                }
                b.clear();
            }
        } catch (IOException closed) {
            // either side went away
        }
    }

    /** Reads and drops what the client sends. */
    private static void drain(SocketChannel client) {
        start(() -> {
            ByteBuffer b = ByteBuffer.allocate(4096);
            try {
                while (client.read(b) >= 0) {
                    b.clear();
                }
            } catch (IOException closed) {
                // closed
            }
        });
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "stalling-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : open) {
            c.close();
        }
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }
}
