export * from "./contract/index";
