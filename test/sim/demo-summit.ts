/**
 * The small multi-track gathering `npm run demo` adds to the example community's configuration
 * (docs/gatherings.md), as YAML lines under `meetings:`; the meetings site's demo world
 * (test/helpers/site-world.ts) adds the same one, so the site shows what the demo plays.
 */
export const SUMMIT = `  summit:
    title: Community Summit 2025
    default-estimate: 1h
    event:
      from: 2025-03-10
      to: 2025-03-11
      start: "09:00"
      timezone: Europe/Berlin
      daily-budget: 2h
      tracks:
        - { id: iaas, title: IaaS, room: Room A, chairs: [carol] }
        - { id: k8s, title: Kubernetes, room: Room B, start: "10:00", daily-budget: 1h }
        - { id: docs, title: Documentation, room: Room C, days: [2025-03-11], daily-budget: 1h }
`;

/** The summit's topic proposals in the demo: title and tracks (labelled `summit/<track>`). */
export const SUMMIT_PROPOSALS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["Ceph on bare metal", ["iaas"]],
  ["Cluster API on our IaaS", ["iaas", "k8s"]],
  ["Kubernetes upgrade policy", ["k8s"]],
  ["Docs for operators", ["docs"]],
  ["Kubernetes networking", ["k8s"]],
];
