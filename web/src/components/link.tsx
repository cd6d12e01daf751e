import type { ReactNode } from "react";
import { followLink } from "../navigation.js";

/** An ordinary anchor (keyboard, middle-click and "open in new tab" all work) routed in the app. */
export function Link(props: { to: string; children: ReactNode; className?: string; current?: boolean }) {
  return (
    <a
      href={props.to}
      className={props.className}
      aria-current={props.current === true ? "page" : undefined}
      onClick={(event) => followLink(event, props.to)}
    >
      {props.children}
    </a>
  );
}
