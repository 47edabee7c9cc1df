import { Component, type ErrorInfo, type ReactNode } from "react";

interface Props {
  /** What is shown here, for the message: "the chat", "the video". */
  label: string;
  children: ReactNode;
}

interface State {
  failed: boolean;
}

/**
 * Keeps a rendering failure in one part of the meeting page to that part. Without
 * it React unmounts the whole root on an error thrown while rendering, and with it
 * the call (unmounting MeetingView disconnects the room). Here the part shows a short
 * notice with a retry, which renders it afresh; the call goes on.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // For whoever looks at the console; nothing the page shows depends on it.
    console.error(`Could not show ${this.props.label}`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="render-failure" role="alert">
        <p>Could not show {this.props.label}.</p>
        <button type="button" className="btn btn-small" onClick={() => this.setState({ failed: false })}>
          Retry
        </button>
      </div>
    );
  }
}
