import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "../shared/base.css";
import "./join.css";
import { JoinApp } from "./JoinApp";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <JoinApp />
  </StrictMode>,
);
