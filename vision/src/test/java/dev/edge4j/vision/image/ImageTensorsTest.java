package dev.edge4j.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.vision.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

class ImageTensorsTest {
    final Image img = twoPixels();

    private static Image twoPixels() {
        Image i = Image.filled(2, 1, 0, 0, 0);
        i.set(0, 0, 10, 20, 30);
        i.set(1, 0, 200, 100, 0);
        return i;
    }

    @Test
    void nchwRgbPutsRedInTheFirstPlane() {
        FloatTensor t = ImageTensors.nchw(img, ChannelOrder.RGB, Normalization.NONE);
        assertThat(t.shape()).containsExactly(1, 3, 1, 2);
        assertThat(t.data()).containsExactly(10, 200, 20, 100, 30, 0);
    }

    @Test
    void nchwBgrPutsBlueInTheFirstPlane() {
        FloatTensor t = ImageTensors.nchw(img, ChannelOrder.BGR, Normalization.NONE);
        assertThat(t.data()).containsExactly(30, 0, 20, 100, 10, 200);
    }

    @Test
    void nhwcInterleavesAndNormalises() {
        FloatTensor t = ImageTensors.nhwc(img, ChannelOrder.RGB, new Normalization(127.5f, 127.5f));
        assertThat(t.shape()).containsExactly(1, 1, 2, 3);
        assertThat(t.data()[0]).isEqualTo((10 - 127.5f) / 127.5f);
        assertThat(t.data()[3]).isEqualTo((200 - 127.5f) / 127.5f);
        assertThat(t.data()[5]).isEqualTo(-1f);
    }

    @Test
    void greyUsesLumaWeightsWithRedStrongerThanBlue() {
        FloatTensor t = ImageTensors.grey(img, new Normalization(0, 256));
        assertThat(t.shape()).containsExactly(1, 1, 1, 2);
        // 0.299*10 + 0.587*20 + 0.114*30 = 18.16 -> 18; 0.299*200 + 0.587*100 = 118.5 -> 119
        assertThat(t.data()).containsExactly(18 / 256f, 119 / 256f);
    }
}
