// DOM helpers shared by the dashboard's modules: text goes in through textContent, never as HTML.

export const $ = (id) => document.getElementById(id);

export function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function cell(row, text, className) {
  const td = element('td', text, className);
  row.append(td);
  return td;
}

export function clearChildren(node) {
  node.replaceChildren();
}

export function badge(node, label) {
  node.textContent = label;
  node.className = `badge badge-${label.replace(/\s+/g, '-')}`;
}


/** An element with attributes (true for a bare attribute) and children (nodes or text). */
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === true) node.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  node.append(...children);
  return node;
}
