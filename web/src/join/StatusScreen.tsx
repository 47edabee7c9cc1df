import type { ReactNode } from "react";

interface Props {
  title: string;
  message: string;
  children?: ReactNode;
}

/** A full-page message: invalid link, meeting over, or "you left". */
export function StatusScreen({ title, message, children }: Props) {
  return (
    <main className="status-screen">
      <div className="card status-card" role="status">
        <h1>{title}</h1>
        <p>{message}</p>
        {children && <div className="status-actions">{children}</div>}
      </div>
    </main>
  );
}
