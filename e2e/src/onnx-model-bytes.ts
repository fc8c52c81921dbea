/**
 * A one-op ONNX model written by hand (ONNX files are one protobuf message), for specs that need a
 * file Loom cannot read: `x [N, width] → <opType> → y [N, width]`, the node named `nodeName`.
 */
export function oneOpOnnxModel(opType: string, nodeName: string, width = 4): Uint8Array {
  const node = [
    ...text(1, 'x'), // NodeProto.input
    ...text(2, 'y'), // NodeProto.output
    ...text(3, nodeName), // NodeProto.name
    ...text(4, opType), // NodeProto.op_type
  ];
  const graph = [
    ...message(1, node), // GraphProto.node
    ...text(2, 'one-op'), // GraphProto.name
    ...message(11, valueInfo('x', width)), // GraphProto.input
    ...message(12, valueInfo('y', width)), // GraphProto.output
  ];
  const opset = [...text(1, ''), ...integer(2, 17)]; // OperatorSetIdProto: default domain, opset 17
  return Uint8Array.from([...integer(1, 8), ...message(7, graph), ...message(8, opset)]);
}

/** ValueInfoProto of a float tensor [N, width]. */
function valueInfo(name: string, width: number): number[] {
  const dims = [...message(1, text(2, 'N')), ...message(1, integer(1, width))]; // dim_param, dim_value
  const tensorType = [...integer(1, 1), ...message(2, dims)]; // elem_type FLOAT, shape
  return [...text(1, name), ...message(2, message(1, tensorType))]; // name, TypeProto.tensor_type
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

const integer = (field: number, n: number) => [...varint(field << 3), ...varint(n)];
const message = (field: number, bytes: number[]) => [
  ...varint((field << 3) | 2),
  ...varint(bytes.length),
  ...bytes,
];
const text = (field: number, s: string) => message(field, [...new TextEncoder().encode(s)]);
