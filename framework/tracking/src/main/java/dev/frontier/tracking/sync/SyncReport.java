package dev.frontier.tracking.sync;

/**
 * What a sync did.
 *
 * @param created runs created on the target
 * @param updated runs that existed on the target and were brought up to date
 * @param tagsOnly runs whose only change was their tags (e.g. pareto tags set after the trial ended)
 * @param unchanged runs already up to date, left alone
 */
public record SyncReport(int created, int updated, int tagsOnly, int unchanged) {

  /** Checks that the counts are not negative. */
  public SyncReport {
    if (created < 0 || updated < 0 || tagsOnly < 0 || unchanged < 0) {
      throw new IllegalArgumentException("sync counts must not be negative");
    }
  }

  /**
   * Returns the number of runs looked at.
   *
   * @return the total
   */
  public int total() {
    return created + updated + tagsOnly + unchanged;
  }

  @Override
  public String toString() {
    return total() + " runs: " + created + " created, " + updated + " updated, " + tagsOnly + " tags only, "
        + unchanged + " unchanged";
  }
}
