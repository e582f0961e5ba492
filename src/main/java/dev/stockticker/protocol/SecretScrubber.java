package dev.stockticker.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Replaces every known secret value in a string, plain and URL-encoded, the way the Python CDK
 * masks {@code airbyte_secret} fields in everything it prints.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are not secrets anyone could use (Polygon
 * keys are 32 characters) and masking them would garble every message, so they are left alone.
 */
public final class SecretScrubber {
  static final String MASK = "****";
  static final int MIN_LENGTH = 4;

  private final Set<String> secrets = new LinkedHashSet<>();

  public void add(String secret) {
    if (secret == null || secret.length() < MIN_LENGTH) {
      return;
    }
    secrets.add(secret);
    secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
  }

  public String scrub(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }
}
