package dev.researcher4j.temporal.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.researcher4j.temporal.PayloadStore;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves payloads larger than a threshold out of the workflow history into a {@link PayloadStore},
 * leaving a reference (the "claim check" pattern); brings them back when they are read. Smaller
 * payloads pass unchanged. Thread-safe.
 */
public final class LargePayloadCodec implements PayloadCodec {

  /** The {@code encoding} of a reference payload. */
  static final String ENCODING = "binary/researcher4j-stored";

  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);

  private final PayloadStore store;
  private final int threshold;

  /** Stores payloads over {@code threshold} bytes in {@code store}. */
  public LargePayloadCodec(PayloadStore store, int threshold) {
    this.store = store;
    this.threshold = threshold;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      if (payload.getSerializedSize() <= threshold) {
        out.add(payload);
        continue;
      }
      String key = store.put(payload.toByteArray());
      out.add(
          Payload.newBuilder()
              .putMetadata("encoding", ENCODING_BYTES)
              .setData(ByteString.copyFromUtf8(key))
              .build());
    }
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      if (!ENCODING_BYTES.equals(payload.getMetadataMap().get("encoding"))) {
        out.add(payload);
        continue;
      }
      String key = payload.getData().toStringUtf8();
      try {
        out.add(Payload.parseFrom(store.get(key)));
      } catch (InvalidProtocolBufferException e) {
        throw new PayloadCodecException("stored payload " + key + " is damaged", e);
      }
    }
    return out;
  }
}
