package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemberSeedTest {
  @Test
  void theFirstMemberKeepsTheRunsSeedSoASingleNetworkTrainsAsBefore() {
    assertThat(Trainer.memberSeed(42, 0)).isEqualTo(42);
    assertThat(Trainer.memberSeed(-3, 0)).isEqualTo(-3);
  }

  @Test
  void runsOfNeighbouringSeedsShareNoMember() {
    Set<Long> seen = new HashSet<>();
    int drawn = 0;
    for (long seed = 1; seed <= 20; seed++) {
      for (int m = 0; m < 5; m++) {
        seen.add(Trainer.memberSeed(seed, m));
        drawn++;
      }
    }
    assertThat(seen).hasSize(drawn);
  }

  @Test
  void aMembersSeedIsAFunctionOfTheRunsSeedAndItsPlace() {
    assertThat(Trainer.memberSeed(7, 2)).isEqualTo(Trainer.memberSeed(7, 2));
    assertThat(Trainer.memberSeed(7, 2)).isNotEqualTo(Trainer.memberSeed(7, 1));
    assertThat(Trainer.memberSeed(7, 3)).isNotNegative();
  }
}
