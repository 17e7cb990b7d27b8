"use client";
// The box around a wide table: on a narrow screen the table scrolls sideways inside it instead of
// the page. While it scrolls it is a named region and a Tab stop, so a keyboard can scroll it (axe's
// scrollable-region-focusable); where the table fits it is neither, and Tab does not stop on it.
import { useEffect, useRef, useState, type ReactNode } from "react";

export function ScrollRegion(props: { label: string; className?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const watch = new ResizeObserver(check);
    watch.observe(el);
    if (el.firstElementChild) watch.observe(el.firstElementChild);
    return () => watch.disconnect();
  }, []);
  return (
    <div
      ref={box}
      className={props.className ? `table-scroll ${props.className}` : "table-scroll"}
      {...(scrolls ? { role: "region", "aria-label": props.label, tabIndex: 0 } : {})}
    >
      {props.children}
    </div>
  );
}
