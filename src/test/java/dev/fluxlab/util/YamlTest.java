package dev.fluxlab.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTest {
  @Test
  void stringsThatLookLikeNumbersOrBooleansStayStrings() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("appVersion", "1.0");
    values.put("tag", "123");
    values.put("flag", "true");
    values.put("replicas", 2);

    Map<String, Object> back = Yaml.map(Yaml.write(values));

    assertThat(back).isEqualTo(values);
  }
}
