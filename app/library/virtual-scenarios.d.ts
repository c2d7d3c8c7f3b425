declare module 'virtual:podpath-scenarios' {
  const index: readonly { readonly name: string; readonly title: string; readonly description: string }[];
  export default index;
}
