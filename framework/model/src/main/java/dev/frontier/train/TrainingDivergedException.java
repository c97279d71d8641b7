package dev.frontier.train;

/** The loss became NaN or infinite: training stops with the epoch, batch and learning rate. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
