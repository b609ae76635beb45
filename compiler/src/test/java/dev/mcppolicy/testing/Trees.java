package dev.mcppolicy.testing;

import dev.mcppolicy.diag.Span;
import dev.mcppolicy.syntax.Comment;
import dev.mcppolicy.syntax.Expr;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Makes syntax trees comparable across layouts: every span becomes {@link Span#NONE}, literal
 * source text is dropped (its value stays) and comment text is stripped.
 */
public final class Trees {
  private Trees() {}

  public static Object normalize(Object o) {
    if (o instanceof Span) {
      return Span.NONE;
    }
    if (o instanceof Expr.Literal l) {
      return new Expr.Literal(l.value(), "", Span.NONE);
    }
    if (o instanceof Comment c) {
      return new Comment(c.text().strip(), Span.NONE);
    }
    if (o instanceof List<?> list) {
      return list.stream().map(Trees::normalize).toList();
    }
    if (o instanceof Optional<?> opt) {
      return opt.map(Trees::normalize);
    }
    if (o instanceof OptionalLong) {
      return o;
    }
    if (o instanceof Record r && r.getClass().getPackageName().startsWith("dev.mcppolicy.syntax")) {
      RecordComponent[] components = r.getClass().getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      try {
        for (int i = 0; i < components.length; i++) {
          values[i] = normalize(components[i].getAccessor().invoke(r));
          types[i] = components[i].getType();
        }
        var constructor = r.getClass().getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return o;
  }
}
