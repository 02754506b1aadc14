package io.gridpulse.tools.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Chromium (Debian's {@code chromium}): an HTML file to PDF or to a PNG screenshot. */
public final class Chromium {

    private static final long TIMEOUT_SECONDS = 120;

    private Chromium() {}

    /** The browser: {@code $GRIDPULSE_CHROMIUM}, else {@code chromium} on the PATH. */
    public static String binary() {
        return System.getenv().getOrDefault("GRIDPULSE_CHROMIUM", "chromium");
    }

    public static Path pdf(Path html, Path pdf) throws IOException, InterruptedException {
        run(List.of("--print-to-pdf=" + pdf.toAbsolutePath(), "--no-pdf-header-footer"), html);
        return pdf;
    }

    public static Path screenshot(Path html, Path png, int width, int height)
            throws IOException, InterruptedException {
        run(
                List.of(
                        "--screenshot=" + png.toAbsolutePath(),
                        "--window-size=" + width + "," + height,
                        "--hide-scrollbars"),
                html);
        return png;
    }

    private static void run(List<String> options, Path html)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("gridpulse-chromium");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                binary(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--no-first-run",
                                "--user-data-dir=" + profile));
        command.addAll(options);
        command.add(html.toAbsolutePath().toUri().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("chromium failed (exit " + p.exitValue() + "): " + output);
        }
        deleteQuietly(profile);
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
