import type { ReactNode } from "react";
import { followLink } from "../navigation.js";

/** An ordinary anchor (keyboard, middle-click and "open in new tab" all work) routed in the app. */
export function Link(props: { to: string; children: ReactNode; className?: string }) {
  return (
    <a href={props.to} className={props.className} onClick={(event) => followLink(event, props.to)}>
      {props.children}
    </a>
  );
}
