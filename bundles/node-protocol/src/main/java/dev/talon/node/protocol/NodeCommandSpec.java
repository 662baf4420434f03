package dev.talon.node.protocol;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/** Component property type for {@link NodeCommand} services. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface NodeCommandSpec {
    String PREFIX_ = "node.command.";

    /** The command name; becomes {@code node.command.name}. */
    String name();

    /** The danger class; becomes {@code node.command.danger}. */
    String danger() default NodeCommand.DANGER_SAFE;

    /** The params schema path in the family bundle; becomes {@code node.command.params.schema}. Empty: no schema. */
    String params_schema() default "";

    /** Platforms allowing the command by default; becomes {@code node.command.defaultPlatforms}. */
    String[] defaultPlatforms() default {};

    /** The owning plugin, e.g. {@code canvas}; becomes {@code node.command.plugin}. Empty: a core command. */
    String plugin() default "";
}
