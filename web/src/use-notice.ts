/**
 * A page's status line for what an action did. Setting it also moves the focus to it: the
 * action's dialog closes and the view reloads, which removes the button that opened the
 * dialog, and the keyboard would otherwise start again from the top of the page.
 */
import { useEffect, useRef, useState } from "react";

export function useNotice(): {
  readonly notice: string;
  readonly show: (text: string) => void;
  readonly ref: React.RefObject<HTMLParagraphElement | null>;
} {
  const [notice, setNotice] = useState("");
  const [shown, setShown] = useState(0);
  const ref = useRef<HTMLParagraphElement | null>(null);
  useEffect(() => {
    if (shown === 0) return;
    // After the dialog has closed and given the focus back (or lost it with its button).
    const timer = setTimeout(() => ref.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [shown]);
  return {
    notice,
    ref,
    show: (text) => {
      setNotice(text);
      setShown((n) => n + 1);
    },
  };
}
