// Just enough of Docker's reference grammar to find an image's tag, as the imagePullPolicy
// default needs (Kubernetes' parsers.ParseImageName over distribution/reference).

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

export interface ImageReference {
  name: string;
  tag: string;
  digest: string;
}

/**
 * Splits an image reference; undefined when it does not parse. A reference with neither tag nor
 * digest gets the implicit tag `latest`, as Docker pulls it.
 */
export function parseImageName(image: string): ImageReference | undefined {
  const m = REFERENCE.exec(image);
  if (!m || (m[1] ?? '').length > 255) return undefined;
  const tag = m[2] ?? '';
  const digest = m[3] ?? '';
  return { name: m[1] ?? '', tag: tag === '' && digest === '' ? 'latest' : tag, digest };
}

/** `Always` for `:latest` (or no tag), else `IfNotPresent`; unparseable images count as tagged. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return parseImageName(image ?? '')?.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
