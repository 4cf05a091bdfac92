package io.qmoe.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.qmoe.backend.Estimates;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the expectation values and standard errors of a one-PUB Estimator V2 result, in either form the service
 * answers with:
 * <ul>
 * <li>plain: {@code {"results": [{"data": {"evs": [...], "stds": [...]}}]}};</li>
 * <li>wrapped (the runtime's typed JSON): {@code {"__type__": "PrimitiveResult", "__value__": {"pub_results":
 *     [{"__type__": "PubResult", "__value__": {"data": {"__type__": "DataBin", "__value__": {"fields": {"evs": ND,
 *     "stds": ND}}}}}]}}}, where each ND is {@code {"__type__": "ndarray", "__value__": V}} and V is either a JSON list
 *     or base64 of a zlib-compressed NumPy {@code .npy} file (little-endian float64, one dimension).</li>
 * </ul>
 *
 * <p>Guarantees: the answer is accepted only when it has exactly {@code n} finite values with
 * {@code |value| ≤ bound} (the observable's Σ|coefficient|, the largest value any state can give) and {@code n}
 * finite, non-negative standard errors; anything else is refused with one line naming the job. Nothing is
 * guessed or filled in.
 */
final class EstimatorResultReader {
    private static final Pattern NPY_SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),?\\s*\\)");
    private static final Pattern NPY_DESCR = Pattern.compile("'descr':\\s*'([^']*)'");

    private EstimatorResultReader() {
    }

    /** The estimates of job {@code job} for {@code n} bindings of an observable whose values are within ±bound. */
    static Estimates read(JsonNode root, int n, double bound, String job) {
        JsonNode data;
        if (root.has("__type__")) {
            if (!"PrimitiveResult".equals(root.path("__type__").asText())) {
                throw refuse(job, "the result is of type '" + root.path("__type__").asText()
                        + "', not PrimitiveResult");
            }
            JsonNode pub = unwrap(root).path("pub_results").path(0);
            data = unwrap(unwrap(pub).path("data")).path("fields");
        } else {
            data = root.path("results").path(0).path("data");
        }
        if (data.isMissingNode() || !data.isObject()) {
            throw refuse(job, "the result has no data for the PUB");
        }
        double[] evs = numbers(data.get("evs"), n, job, "evs");
        double[] stds = numbers(data.get("stds"), n, job, "stds");
        double limit = bound * (1 + 1e-9) + 1e-12;
        for (int i = 0; i < n; i++) {
            if (Math.abs(evs[i]) > limit) {
                throw refuse(job, "'evs'[" + i + "] = " + evs[i] + " is impossible: the observable's values lie "
                        + "within ±" + bound);
            }
            if (stds[i] < 0) {
                throw refuse(job, "'stds'[" + i + "] = " + stds[i] + " is a negative standard error");
            }
        }
        return new Estimates(evs, stds);
    }

    private static JsonNode unwrap(JsonNode typed) {
        return typed.has("__value__") ? typed.get("__value__") : typed;
    }

    private static double[] numbers(JsonNode node, int n, String job, String field) {
        if (node == null || node.isNull()) {
            throw refuse(job, "the result has no '" + field + "'");
        }
        if (node.isObject() && "ndarray".equals(node.path("__type__").asText())) {
            JsonNode v = node.get("__value__");
            if (v != null && v.isTextual()) {
                return check(npy(v.asText(), job, field), n, job, field);
            }
            node = v;
        }
        if (node == null || !node.isArray()) {
            throw refuse(job, "'" + field + "' is not an array of numbers");
        }
        if (node.size() != n) {
            throw refuse(job, node.size() + " '" + field + "' values for " + n + " bindings");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode x = node.get(i);
            out[i] = x.isNumber() ? x.asDouble() : Double.NaN;
        }
        return check(out, n, job, field);
    }

    private static double[] check(double[] v, int n, String job, String field) {
        if (v.length != n) {
            throw refuse(job, v.length + " '" + field + "' values for " + n + " bindings");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(v[i])) {
                throw refuse(job, "'" + field + "'[" + i + "] is not a finite number");
            }
        }
        return v;
    }

    /** A one-dimensional little-endian float64 array from base64 of a zlib-compressed .npy file. */
    private static double[] npy(String base64, String job, String field) {
        byte[] raw;
        try {
            raw = inflate(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException | DataFormatException e) {
            throw refuse(job, "'" + field + "' is not base64 of a zlib-compressed NumPy array");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (raw.length < 10 || (raw[0] & 0xFF) != 0x93 || raw[1] != 'N' || raw[2] != 'U' || raw[3] != 'M'
                || raw[4] != 'P' || raw[5] != 'Y') {
            throw refuse(job, "'" + field + "' is not a NumPy .npy array");
        }
        int major = raw[6];
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(b.getShort(8));
            start = 10;
        } else if (raw.length >= 12) {
            headerLength = b.getInt(8);
            start = 12;
        } else {
            throw refuse(job, "'" + field + "' has a truncated NumPy header");
        }
        if (headerLength < 0 || start + headerLength > raw.length) {
            throw refuse(job, "'" + field + "' has a truncated NumPy header");
        }
        String header = new String(raw, start, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = NPY_DESCR.matcher(header);
        Matcher shape = NPY_SHAPE.matcher(header);
        if (!descr.find() || !descr.group(1).equals("<f8") || header.contains("'fortran_order': True")
                || !shape.find()) {
            throw refuse(job, "'" + field + "' is a NumPy array other than one-dimensional little-endian float64");
        }
        int count = Integer.parseInt(shape.group(1));
        int dataStart = start + headerLength;
        if ((long) count * 8 != raw.length - dataStart) {
            throw refuse(job, "'" + field + "' holds a different number of bytes than its shape says");
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = b.getDouble(dataStart + 8 * i);
        }
        return out;
    }

    private static byte[] inflate(byte[] compressed) throws DataFormatException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!inf.finished()) {
                int k = inf.inflate(buf);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buf, 0, k);
                if (out.size() > 64 << 20) {
                    throw new DataFormatException("too large");
                }
            }
            return out.toByteArray();
        } finally {
            inf.end();
        }
    }

    private static RemoteJobException refuse(String job, String why) {
        return new RemoteJobException("results of job " + job + ": " + why);
    }
}
