package dev.talon.node.canvas.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanvasFilesTest {
    @TempDir
    Path tmp;

    private Path root;
    private CanvasFiles files;

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.resolve("canvas");
        CanvasHost.prepare(root);
        Files.createDirectories(root.resolve("documents/doc-1"));
        Files.writeString(root.resolve("documents/doc-1/index.html"), "<p>doc one</p>");
        Files.writeString(root.resolve("documents/doc-1/app.js"), "console.log(1)");
        Files.writeString(root.resolve("documents/doc-1/a b.css"), "p{}");
        Files.writeString(root.resolve(".secret"), "hidden");
        Files.writeString(tmp.resolve("outside.txt"), "outside the root");
        files = new CanvasFiles(root);
    }

    private FakeExchange get(String raw) throws IOException {
        FakeExchange ex = FakeExchange.get(raw);
        files.serve(ex, raw);
        return ex;
    }

    @Test
    void documentsAreServedWithTheirContentTypeAndNosniff() throws IOException {
        FakeExchange ex = get("documents/doc-1/index.html");
        assertEquals(200, ex.status);
        assertEquals("<p>doc one</p>", ex.text());
        assertEquals("text/html; charset=utf-8", ex.responseHeaders.get("Content-Type"));
        assertEquals("nosniff", ex.responseHeaders.get("X-Content-Type-Options"));
        assertEquals(HostResponses.SANDBOX, ex.responseHeaders.get("Content-Security-Policy"));
        assertEquals("14", ex.responseHeaders.get("Content-Length"));
        assertEquals(
                "text/javascript; charset=utf-8",
                get("documents/doc-1/app.js").responseHeaders.get("Content-Type"));
        assertEquals("p{}", get("documents/doc-1/a%20b.css").text());
    }

    @Test
    void directoriesServeTheirIndexAndNeverAListing() throws IOException {
        assertEquals("<p>doc one</p>", get("documents/doc-1/").text());
        assertEquals("<p>doc one</p>", get("documents/doc-1").text());
        assertTrue(get("").text().contains("Talon canvas"), "the default root page");
        assertEquals(404, get("documents/").status, "no index, no listing");
        assertEquals(404, get("documents/doc-1/index.html/").status);
    }

    @Test
    void traversalAndEncodedTraversalAreRefused() throws IOException {
        for (String raw : new String[] {
            "../outside.txt",
            "documents/../../outside.txt",
            "%2e%2e/outside.txt",
            "%2E%2E/outside.txt",
            ".%2e/outside.txt",
            "%2e%2e%2foutside.txt",
            "..%2Foutside.txt",
            "..%5coutside.txt",
            "..\\outside.txt",
            "documents%2f..%2f..%2foutside.txt",
            "%252e%252e/outside.txt",
            "/etc/passwd",
            "%c0%ae%c0%ae/outside.txt",
            "%e0%80%ae%e0%80%ae/outside.txt",
            "documents//doc-1/index.html",
            ".secret",
            "%2esecret",
            "documents/doc-1/index.html%00.js",
            "C:%5cwindows",
            "bad%zzescape",
            "bad%c3%28utf8"
        }) {
            FakeExchange ex = get(raw);
            assertEquals(404, ex.status, raw);
            assertTrue(!ex.text().contains("outside the root") && !ex.text().contains("hidden"), raw);
        }
    }

    @Test
    void aSymlinkPointingOutOfTheRootIsNotFollowed() throws IOException {
        try {
            Files.createSymbolicLink(root.resolve("escape.txt"), tmp.resolve("outside.txt"));
            Files.createSymbolicLink(root.resolve("escape-dir"), tmp);
        } catch (UnsupportedOperationException | FileSystemException noSymlinks) {
            assumeTrue(false, "symlinks unsupported here");
        }
        assertEquals(404, get("escape.txt").status);
        assertEquals(404, get("escape-dir/outside.txt").status);
        Files.createSymbolicLink(root.resolve("inside.html"), root.resolve("documents/doc-1/index.html"));
        assertEquals("<p>doc one</p>", get("inside.html").text(), "a link that stays inside is fine");
    }

    @Test
    void onlyGetAndHeadAreAllowed() throws IOException {
        FakeExchange post = new FakeExchange("POST", "/__openclaw__/canvas/", "documents/doc-1/index.html");
        files.serve(post, post.routePath());
        assertEquals(405, post.status);
        assertEquals("GET, HEAD", post.responseHeaders.get("Allow"));
        FakeExchange head = new FakeExchange("HEAD", "/__openclaw__/canvas/", "documents/doc-1/index.html");
        files.serve(head, head.routePath());
        assertEquals(200, head.status);
        assertEquals("14", head.responseHeaders.get("Content-Length"));
    }

    @Test
    void missingFilesAre404() throws IOException {
        assertEquals(404, get("documents/nope/index.html").status);
    }
}
