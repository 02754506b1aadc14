package io.gridpulse.common.job;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets a process listens on, read from {@code /proc} (Linux). */
public final class ListeningSockets {

    /** One listening socket: its local address and port. */
    public record Listener(InetAddress address, int port) {
        public boolean isLoopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    private ListeningSockets() {}

    public static List<Listener> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            fds.forEach(
                    fd -> {
                        try {
                            String target = Files.readSymbolicLink(fd).toString();
                            if (target.startsWith("socket:[")) {
                                inodes.add(target.substring(8, target.length() - 1));
                            }
                        } catch (IOException e) {
                            // the descriptor closed while we looked
                        }
                    });
        }
        List<Listener> listeners = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", String.valueOf(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line :
                    Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = line.trim().split("\\s+");
                if (!f[3].equals("0A") || !inodes.contains(f[9])) {
                    continue; // not LISTEN, or not this process's
                }
                String[] local = f[1].split(":");
                listeners.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
            }
        }
        return listeners;
    }

    /** /proc/net/tcp addresses are little-endian per 32-bit word. */
    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] bytes = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                bytes[word + i] = raw[word + 3 - i];
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
