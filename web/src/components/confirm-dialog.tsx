/**
 * A change that asks first: the button opens a dialog (react-aria-components: focus moves
 * into it, Escape closes it, focus returns to the button) whose form sends the change.
 * While it is sent the dialog cannot be dismissed; the server's refusal is shown inside
 * it, and on success it closes and reports what happened.
 */
import { useState, type ReactNode } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import type { ApiError } from "../lib/api-client.js";
import { asApiError } from "../use-load.js";
import { ErrorMessage } from "./error-message.js";
import "../styles/dialog.css";

export function ConfirmDialog(props: {
  label: string;
  title: string;
  /** The opening button is styled as the page's primary action. */
  primary?: boolean;
  children: ReactNode;
  confirm: () => Promise<string>;
  onDone: (notice: string) => void;
  /** Checks the form before it is sent (the form shows its own message); true when none is given. */
  validate?: () => boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <DialogTrigger onOpenChange={(open) => open && setError(null)}>
      <Button className={props.primary === true ? "primary" : undefined}>{props.label}</Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy}>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  if (busy || (props.validate !== undefined && !props.validate())) return;
                  setBusy(true);
                  setError(null);
                  props.confirm().then(
                    (notice) => {
                      setBusy(false);
                      close();
                      props.onDone(notice);
                    },
                    (failure: unknown) => {
                      setBusy(false);
                      setError(asApiError(failure));
                    },
                  );
                }}
              >
                <Heading slot="title">{props.title}</Heading>
                {props.children}
                {error !== null && <ErrorMessage title="The server refused" error={error} />}
                <div className="dialog-actions">
                  <Button type="button" onPress={close} isDisabled={busy}>
                    Cancel
                  </Button>
                  <Button type="submit" className="primary" isDisabled={busy}>
                    {busy ? "Sending…" : props.label}
                  </Button>
                </div>
              </form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
