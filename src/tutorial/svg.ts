// Figures with titles, composed as SVG text so that the same layout serves the CLI (rasterised by resvg) and the
// web page (shown as is). No Node APIs here; the caller supplies the image as a URL (a PNG data: URI).

/** The font the titles ask for; .ci/setup.sh installs it, and matplotlib's default is the same family. */
export const TITLE_FONT = 'DejaVu Sans';

/** Layout of a titled figure: the title's size and the white margin around everything, in pixels. */
export interface TitleLayout {
  readonly fontSize?: number;
  readonly margin?: number;
}

/** An SVG document and its size in pixels. */
export interface SvgFigure {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/** Escapes text for SVG character data and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * `plt.title(title)` over `plt.imshow(...)`: a white page with the title centred above an image of
 * `imageWidth`×`imageHeight` pixels shown at 1:1 (so the figure's pixels are the image's own, not resampled).
 */
export function titledFigureSvg(title: string, imageHref: string, imageWidth: number, imageHeight: number, layout: TitleLayout = {}): SvgFigure {
  const { fontSize = 16, margin = 10 } = layout;
  const titleHeight = Math.ceil(fontSize * 1.5);
  const width = Math.max(imageWidth + 2 * margin, Math.ceil(title.length * fontSize * 0.62) + 2 * margin);
  const height = margin + titleHeight + imageHeight + margin;
  const imageX = Math.floor((width - imageWidth) / 2);
  const imageY = margin + titleHeight;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    // xml:space="preserve" keeps the article's double spaces ("Example: 5  Label: 7"), which SVG would collapse.
    `<text x="${width / 2}" y="${margin + fontSize}" font-family="${TITLE_FONT}" font-size="${fontSize}" text-anchor="middle" fill="#000000" xml:space="preserve">${escapeXml(title)}</text>`,
    `<image x="${imageX}" y="${imageY}" width="${imageWidth}" height="${imageHeight}" image-rendering="optimizeSpeed" href="${escapeXml(imageHref)}"/>`,
    '</svg>',
  ].join('\n');
  return { svg, width, height };
}

/** Where the image lies inside a titled figure of this size, for reading its pixels back. */
export function imageOrigin(fig: { readonly width: number }, imageWidth: number, layout: TitleLayout = {}): { x: number; y: number } {
  const { fontSize = 16, margin = 10 } = layout;
  return { x: Math.floor((fig.width - imageWidth) / 2), y: margin + Math.ceil(fontSize * 1.5) };
}
