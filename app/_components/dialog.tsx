"use client";
// A modal panel on the native <dialog>: showModal() makes the page behind it inert (so focus
// stays inside), Escape closes it, and focus returns to whatever opened it.
import { useEffect, useId, useRef, type ReactNode } from "react";

export function Dialog({
  title,
  onClose,
  children,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const first = dialog.querySelector<HTMLElement>(
      "[data-autofocus], input, select, textarea, button:not(.cal-dialog-close)",
    );
    first?.focus();
    return () => {
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`cal-dialog${wide ? " cal-dialog-wide" : ""}`}
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCloseRef.current();
      }}
    >
      <div className="cal-dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="btn btn-small cal-dialog-close"
          onClick={() => onCloseRef.current()}
          aria-label="Close"
        >
          ✕
        </button>
      </div>
      <div className="cal-dialog-body">{children}</div>
    </dialog>
  );
}
