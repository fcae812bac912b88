package dev.kiln.api.backend;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Executes operations on one device in the order they are issued. Tensors hold rows of the
 * innermost dimension; a batch of {@code n} tokens is {@code n} rows. Calls may return before the
 * device finishes; {@link #synchronize()} waits.
 */
@ProviderType
public interface ComputeStream extends AutoCloseable {
    /** {@code out[t] = weights · in[t]} for every row {@code t}: weights are {@code [cols, rows]}, quantized or float. */
    void matmul(DeviceTensor weights, DeviceTensor in, DeviceTensor out);

    /** Row {@code t} of {@code out} = row {@code tokens[t]} of {@code table}, decoded to float. */
    void embed(DeviceTensor table, int[] tokens, DeviceTensor out);

    /** Root-mean-square normalisation of every row, multiplied by {@code weight}. */
    void rmsNorm(DeviceTensor in, DeviceTensor weight, float epsilon, DeviceTensor out);

    /** Rotary position embedding of every head of every row, in place. */
    void rope(DeviceTensor x, int[] positions, RopeParameters parameters);

    /** {@code out = silu(gate) * up}, element-wise. */
    void swiglu(DeviceTensor gate, DeviceTensor up, DeviceTensor out);

    /** {@code out = a + b}, element-wise ({@code b} may be a single row broadcast over {@code a}). */
    void add(DeviceTensor a, DeviceTensor b, DeviceTensor out);

    /** {@code out = a * b}, element-wise ({@code b} may be a single row broadcast over {@code a}). */
    void mul(DeviceTensor a, DeviceTensor b, DeviceTensor out);

    /** {@code x *= factor}, in place. */
    void scale(DeviceTensor x, float factor);

    /** Softmax of every row, in place. */
    void softmax(DeviceTensor x);

    /** Copies {@code src} into {@code dst}, converting between element types and devices as needed. */
    void copy(DeviceTensor src, DeviceTensor dst);

    /** Waits until every operation issued so far has finished. */
    void synchronize();

    @Override
    void close();
}
