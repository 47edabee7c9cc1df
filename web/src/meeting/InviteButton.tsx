import { CopyButton } from "../shared/ui/CopyButton";
import { guestLink, inviteText } from "./invite";

interface Props {
  roomName: string;
  password: string;
  title: string;
  startTime?: string | undefined;
}

/** Copies the guest link and the meeting's details: never the host key. */
export function InviteButton({ roomName, password, title, startTime }: Props) {
  const link = guestLink(window.location.origin, roomName, password);
  return <CopyButton text={inviteText({ title, startTime, link })} label="Copy invite" />;
}
