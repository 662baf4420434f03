package dev.talon.itests;

import dev.talon.gateway.api.MethodHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.ops4j.pax.tinybundles.TinyBundles;

/**
 * Builds synthetic plugin bundles with tinybundles, on the driver side (in {@code @Configuration}), so that the
 * container needs neither tinybundles nor bnd. Each bundle holds one handler class and a hand-written DS
 * component XML registering it as a {@link MethodHandler} with the given wire name, scope and ranking.
 */
public final class SyntheticBundles {
    private SyntheticBundles() {}

    /**
     * Writes {@code <dir>/<symbolicName>.jar} and returns its file URL.
     *
     * @param handler the handler class (a public class with a public no-arg constructor)
     * @param method the {@code gateway.method.name}
     * @param scope the {@code gateway.method.scope}
     * @param ranking the {@code service.ranking}
     * @param properties extra component properties (String values)
     */
    public static String handlerBundle(
            Path dir,
            String symbolicName,
            Class<? extends MethodHandler> handler,
            String method,
            String scope,
            int ranking,
            Map<String, String> properties) {
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"")
                .append(symbolicName)
                .append('"')
                .append(hasMethod(handler, "activate") ? " activate=\"activate\"" : "")
                .append(hasMethod(handler, "deactivate") ? " deactivate=\"deactivate\"" : "")
                .append(">\n")
                .append("  <implementation class=\"")
                .append(handler.getName())
                .append("\"/>\n")
                .append("  <service><provide interface=\"")
                .append(MethodHandler.class.getName())
                .append("\"/></service>\n")
                .append(property(MethodHandler.NAME, "String", method))
                .append(property(MethodHandler.SCOPE, "String", scope))
                .append(property("service.ranking", "Integer", Integer.toString(ranking)));
        properties.forEach((k, v) -> xml.append(property(k, "String", v)));
        xml.append("</scr:component>\n");
        String componentPath = "OSGI-INF/" + symbolicName + ".xml";
        try (InputStream jar = TinyBundles.bundle()
                .setHeader("Manifest-Version", "1.0")
                .setHeader("Bundle-ManifestVersion", "2")
                .symbolicName(symbolicName)
                .setHeader("Bundle-Version", "1.0.0")
                .setHeader("Import-Package", "dev.talon.gateway.api;version=\"[1.0,2)\"")
                .setHeader("Service-Component", componentPath)
                .setHeader(
                        "Require-Capability",
                        "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.3.0)(!(version>=2.0.0)))\"")
                .addClass(handler)
                .addResource(
                        componentPath, new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8)))
                .build(TinyBundles.rawBuilder())) {
            Files.createDirectories(dir);
            Path file = dir.resolve(symbolicName + ".jar");
            Files.copy(jar, file, StandardCopyOption.REPLACE_EXISTING);
            return file.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String property(String name, String type, String value) {
        return "  <property name=\"" + name + "\" type=\"" + type + "\" value=\"" + value + "\"/>\n";
    }

    private static boolean hasMethod(Class<?> type, String name) {
        for (java.lang.reflect.Method m : type.getMethods()) {
            if (m.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
