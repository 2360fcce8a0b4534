// Reading server-rendered markup without a DOM (none is installed): enough to find links,
// elements by attribute and the visible text.
export interface RenderedLink {
  href: string;
  text: string;
  attributes: string;
}

const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#x27);/g, (entity) => entities[entity] ?? entity);
}

export function textOf(html: string): string {
  return decode(html.replace(/<[^>]+>/g, "")).replace(/\s+/g, " ").trim();
}

export function linksIn(html: string): RenderedLink[] {
  return [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)].map((match) => {
    const attributes = match[1] ?? "";
    const href = /\bhref="([^"]*)"/.exec(attributes)?.[1];
    return { href: decode(href ?? ""), text: textOf(match[2] ?? ""), attributes };
  });
}

/** The opening tag of the first element carrying `attribute` (e.g. `role="alert"`). */
export function openingTag(html: string, attribute: string): string | undefined {
  return [...html.matchAll(/<[a-z][^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(attribute));
}
