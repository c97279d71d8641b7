package dev.frontier.tracking.rest;

import dev.frontier.tracking.TrackingException;
import org.mlflow_project.google.protobuf.InvalidProtocolBufferException;
import org.mlflow_project.google.protobuf.Message;
import org.mlflow_project.google.protobuf.MessageOrBuilder;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/** Converts the MLflow client's protobuf messages to and from the JSON the REST API speaks. */
final class ProtoJson {

    private static final JsonFormat.Printer PRINTER =
            JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private ProtoJson() {}

    static String print(MessageOrBuilder message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(
                    "cannot write " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Message> T parse(String json, Message.Builder builder, String what) {
        try {
            PARSER.merge(json, builder);
            return (T) builder.build();
        } catch (InvalidProtocolBufferException e) {
            throw new TrackingException(
                    what
                            + ": unexpected answer from the MLflow server: "
                            + HttpTransport.abbreviate(json),
                    e);
        }
    }
}
