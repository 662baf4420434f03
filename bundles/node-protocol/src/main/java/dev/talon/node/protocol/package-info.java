/**
 * The node command-family contract. A family bundle (e.g. {@code node-system}) registers one
 * {@link dev.talon.node.protocol.NodeCommand} service per command it makes invocable, annotated with
 * {@link dev.talon.node.protocol.NodeCommandSpec}. The gateway forwards {@code node.invoke} only for commands an
 * installed family declares, that the node declared and that its approved surface allows; params are validated
 * against the family's schema first. Removing a family bundle makes its commands uninvokable at once.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.talon.node.protocol;
