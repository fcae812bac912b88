package dev.kiln.format.gguf.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Checks that every tensor's bytes lie inside the data section and that no two tensors share bytes. */
final class TensorLayoutCheck {
    private TensorLayoutCheck() {
    }

    static void check(String file, List<TensorInfo> tensors, long dataOffset, long fileSize) {
        if (tensors.isEmpty()) {
            // Files without tensors may end before the padded data offset; there is nothing to place.
            return;
        }
        long dataSize = Math.max(0, fileSize - dataOffset);
        for (TensorInfo t : tensors) {
            if (t.offset() > dataSize || t.byteSize() > dataSize - t.offset()) {
                throw GgufRefusal.of(file, t.offsetFieldAt(), "tensor '" + t.name() + "' offset",
                        "bytes " + t.offset() + " to " + (t.offset() + t.byteSize()) + " of the data section lie outside it ("
                                + dataSize + " bytes from file offset " + dataOffset + ")");
            }
        }
        List<TensorInfo> byOffset = new ArrayList<>(tensors);
        byOffset.sort(Comparator.comparingLong(TensorInfo::offset));
        for (int i = 1; i < byOffset.size(); i++) {
            TensorInfo previous = byOffset.get(i - 1);
            TensorInfo t = byOffset.get(i);
            if (t.offset() < previous.end()) {
                throw GgufRefusal.of(file, t.offsetFieldAt(), "tensor '" + t.name() + "' offset",
                        "bytes " + t.offset() + " to " + t.end() + " overlap tensor '" + previous.name() + "' (bytes "
                                + previous.offset() + " to " + previous.end() + ")");
            }
        }
    }
}
