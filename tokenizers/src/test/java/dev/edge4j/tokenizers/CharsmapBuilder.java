package dev.edge4j.tokenizers;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes SentencePiece's {@code precompiled_charsmap} for a set of rewrite rules: a darts-clone
 * double array over the UTF-8 keys whose leaves point into a blob of NUL-terminated replacements.
 * Only for tests (the tokenizer reads such maps; it never writes them).
 */
final class CharsmapBuilder {
    private CharsmapBuilder() {}

    private static final class Node {
        final TreeMap<Integer, Node> children = new TreeMap<>();
        final int label;
        int value = -1;

        Node(int label) {
            this.label = label;
        }
    }

    static byte[] build(Map<String, String> rules) {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        Node root = new Node(0);
        for (Map.Entry<String, String> r : new TreeMap<>(rules).entrySet()) {
            int offset = blob.size();
            blob.writeBytes(r.getValue().getBytes(StandardCharsets.UTF_8));
            blob.write(0);
            Node n = root;
            for (byte b : r.getKey().getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xFF;
                n = n.children.computeIfAbsent(c, Node::new);
            }
            n.value = offset;
        }
        List<Integer> units = new ArrayList<>();
        BitSet used = new BitSet();
        used.set(0);
        units.add(0);
        ArrayDeque<Object[]> queue = new ArrayDeque<>();
        queue.add(new Object[] {root, 0});
        while (!queue.isEmpty()) {
            Object[] item = queue.poll();
            Node node = (Node) item[0];
            int index = (Integer) item[1];
            int base = 1;
            while (!fits(base, node, used)) {
                base++;
            }
            if (node.value >= 0) {
                used.set(base);
                set(units, base, (1 << 31) | node.value);
            }
            for (Map.Entry<Integer, Node> child : node.children.entrySet()) {
                int pos = base ^ child.getKey();
                used.set(pos);
                queue.add(new Object[] {child.getValue(), pos});
            }
            // Every lookup XORs a byte into the base, so the whole 256-unit block of a base must exist.
            set(units, (base | 0xFF), units.size() > (base | 0xFF) ? units.get(base | 0xFF) : 0);
            int offset = index ^ base;
            if (offset >= 1 << 21) {
                throw new IllegalStateException("charsmap too large for this builder");
            }
            int hasLeaf = node.value >= 0 ? 1 << 8 : 0;
            set(units, index, (offset << 10) | hasLeaf | node.label);
        }
        ByteBuffer out = ByteBuffer.allocate(4 + 4 * units.size() + blob.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(4 * units.size());
        for (int u : units) {
            out.putInt(u);
        }
        out.put(blob.toByteArray());
        return out.array();
    }

    private static boolean fits(int base, Node node, BitSet used) {
        if (node.value >= 0 && used.get(base)) {
            return false;
        }
        for (int c : node.children.keySet()) {
            int pos = base ^ c;
            if (pos == 0 || used.get(pos)) {
                return false;
            }
        }
        return true;
    }

    private static void set(List<Integer> units, int index, int value) {
        while (units.size() <= index) {
            units.add(0);
        }
        units.set(index, value);
    }
}
