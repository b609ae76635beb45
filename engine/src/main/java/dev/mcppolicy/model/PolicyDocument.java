package dev.mcppolicy.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A policy.json document (docs/canonical-json.md). {@code hide} and the {@code tools} keys are
 * kept sorted by code point, rules and limits in the order given: the canonical form is decided
 * here and in {@link PolicyJson}, nowhere else.
 */
public record PolicyDocument(
    Posture defaultPosture, List<String> hide, List<Limit> allToolsLimits, Map<String, ToolPolicy> tools) {

  public PolicyDocument {
    Objects.requireNonNull(defaultPosture);
    hide = hide.stream().distinct().sorted(CodePoints.ORDER).toList();
    allToolsLimits = List.copyOf(allToolsLimits);
    TreeMap<String, ToolPolicy> sorted = new TreeMap<>(CodePoints.ORDER);
    sorted.putAll(tools);
    tools = Collections.unmodifiableMap(sorted);
  }
}
