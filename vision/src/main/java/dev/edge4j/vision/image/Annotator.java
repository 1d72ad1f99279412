package dev.edge4j.vision.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/**
 * Draws boxes, points and labels onto an image in place. Line widths and text size follow the
 * image size, so annotations read the same on a thumbnail and on a 20-megapixel photo.
 */
public final class Annotator implements AutoCloseable {
    private final Graphics2D g;
    private final float unit;

    public Annotator(Image image) {
        this.g = image.toBufferedImage().createGraphics();
        this.unit = Math.max(1f, Math.max(image.width(), image.height()) / 640f);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(12 * unit)));
    }

    /** A rectangle outline. */
    public Annotator box(float x1, float y1, float x2, float y2, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2 * unit));
        g.draw(new Rectangle2D.Float(x1, y1, x2 - x1, y2 - y1));
        return this;
    }

    /** A filled dot. */
    public Annotator point(float x, float y, Color color) {
        float r = 2 * unit;
        g.setColor(color);
        g.fill(new Ellipse2D.Float(x - r, y - r, 2 * r, 2 * r));
        return this;
    }

    /**
     * Text on a filled label whose bottom-left corner is at (x, y), moved down if it would leave
     * the image. On a system without any font (a bare container) the label is left out, with one
     * warning in the log: boxes and points still show where the faces are.
     */
    public Annotator label(String text, float x, float y, Color background) {
        if (!fontsWork) {
            return this;
        }
        try {
            drawLabel(text, x, y, background);
        } catch (RuntimeException | InternalError e) {
            fontsWork = false;
            System.getLogger(Annotator.class.getName()).log(System.Logger.Level.WARNING,
                    "no font to write labels with (install fontconfig and a font package); drawing boxes only", e);
        }
        return this;
    }

    private static volatile boolean fontsWork = true;

    private void drawLabel(String text, float x, float y, Color background) {
        FontMetrics fm = g.getFontMetrics();
        float pad = 2 * unit;
        float w = fm.stringWidth(text) + 2 * pad;
        float h = fm.getAscent() + fm.getDescent() + pad;
        float top = y - h < 0 ? y : y - h;
        g.setColor(background);
        g.fill(new Rectangle2D.Float(x, top, w, h));
        g.setColor(isDark(background) ? Color.WHITE : Color.BLACK);
        g.drawString(text, x + pad, top + pad / 2 + fm.getAscent());
    }

    private static boolean isDark(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue() < 140;
    }

    @Override
    public void close() {
        g.dispose();
    }
}
