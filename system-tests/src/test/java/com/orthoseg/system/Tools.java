package com.orthoseg.system;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Command-line tools the deployment tests run (Debian's kubectl and docker-compose, which .ci/run
 * installs). Without them those tests are skipped with the reason, unless
 * ORTHOSEG_DEPLOY_TESTS=required (as in CI), which fails them instead.
 */
final class Tools {

    private Tools() {
    }

    /** Runs the command in the project root; answers its standard output, or fails with its error output. */
    static String run(Map<String, String> environment, String... command) {
        Path tool = Path.of("/usr/bin", command[0]);
        if (!Files.isExecutable(tool)) {
            String reason = "no " + tool + " (apt-get install kubectl docker-compose)";
            if ("required".equals(System.getenv("ORTHOSEG_DEPLOY_TESTS"))) {
                Assertions.fail(reason);
            }
            Assumptions.abort(reason);
        }
        try {
            Path errors = Files.createTempFile("orthoseg-tool", ".err");
            try {
                List<String> line = new ArrayList<>(List.of(command));
                ProcessBuilder builder = new ProcessBuilder(line).directory(OrthoSegSystem.ROOT.toFile())
                        .redirectError(errors.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(errors));
                }
                return out;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
