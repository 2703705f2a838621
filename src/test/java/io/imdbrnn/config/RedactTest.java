package io.imdbrnn.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {
  @Test
  void removesUserInfoFromUrisAndSecretValues() {
    assertThat(Redact.text("TrainSettings[input=s3a://AKIAEXAMPLE:wJalrXUt/K7MDENG@bucket/p, x=1]"))
        .isEqualTo("TrainSettings[input=s3a://***@bucket/p, x=1]");
    assertThat(Redact.text("hdfs://alice:pa55@nn:8020/data and s3a://bucket/no-creds"))
        .isEqualTo("hdfs://***@nn:8020/data and s3a://bucket/no-creds");
    assertThat(Redact.text("fs.s3a.secret.key=abc123, fs.s3a.access.key=AKIA1, token=t0k"))
        .isEqualTo("fs.s3a.secret.key=***, fs.s3a.access.key=***, token=***");
    assertThat(Redact.text("plain /local/path and 3 words"))
        .isEqualTo("plain /local/path and 3 words");
  }
}
